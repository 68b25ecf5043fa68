output "repositories" {
  description = "Per service: ECR repository name, ARN and URI."
  value       = module.ecr.repositories
}

output "deploy_role_arn" {
  description = "Role Jenkins deploys with."
  value       = module.deploy_role.role_arn
}

output "parameter_names" {
  description = "SSM parameters the CDK app reads."
  value       = module.parameters.parameter_names
}
