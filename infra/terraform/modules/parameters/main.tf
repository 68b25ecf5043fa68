# What the CDK app reads from the foundation. The names are a contract with infra/lib/config.ts:
#   <path>/ecr/<service>/repository-name and .../repository-arn
#   <path>/ci/deploy-role-arn

locals {
  repository_parameters = merge([
    for service, repo in var.repositories : {
      "ecr/${service}/repository-name" = repo.name
      "ecr/${service}/repository-arn"  = repo.arn
      "ecr/${service}/repository-uri"  = repo.uri
    }
  ]...)
  parameters = merge(local.repository_parameters, {
    "ci/deploy-role-arn" = var.deploy_role_arn
  })
}

resource "aws_ssm_parameter" "published" {
  #checkov:skip=CKV2_AWS_34:These are resource names and ARNs, not secrets; CloudFormation resolves them as plain String parameters.
  for_each    = local.parameters
  name        = "${var.parameter_path}/${each.key}"
  description = "Published by the ShopEasy Terraform foundation for the CDK app"
  type        = "String"
  value       = each.value
  tags        = var.tags
}
