output "parameter_names" {
  description = "Every parameter published."
  value       = sort([for p in aws_ssm_parameter.published : p.name])
}
