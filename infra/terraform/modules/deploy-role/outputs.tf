output "role_arn" {
  description = "Role Jenkins assumes to deploy."
  value       = aws_iam_role.deploy.arn
}
