output "repositories" {
  description = "Per service: ECR repository name, ARN and URI."
  value       = module.ecr.repositories
}

output "deploy_role_arn" {
  description = "Role Jenkins deploys with."
  value       = module.deploy_role.role_arn
}

output "cdk_bootstrap" {
  description = "Arguments of cdk bootstrap: --cloudformation-execution-policies and --custom-permissions-boundary."
  value = {
    execution_policy_arn = module.cdk_permissions.execution_policy_arn
    boundary_name        = module.cdk_permissions.boundary_name
  }
}

output "parameter_names" {
  description = "SSM parameters the CDK app reads."
  value       = module.parameters.parameter_names
}

output "audit" {
  description = "Detective controls: the trail, the audit bucket and key, the GuardDuty detector."
  value = {
    trail_arn             = module.detective_controls.trail_arn
    bucket_name           = module.detective_controls.audit_bucket_name
    kms_key_arn           = module.detective_controls.audit_kms_key_arn
    guardduty_detector_id = module.detective_controls.guardduty_detector_id
  }
}
