output "vault_arn" {
  description = "Destination of the environment's backup copy actions."
  value       = aws_backup_vault.copies.arn
}
