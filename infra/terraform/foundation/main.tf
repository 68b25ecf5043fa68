# The account foundation for one ShopEasy environment: image repositories, the role Jenkins
# deploys with and the CDK execution policy and permissions boundary that bound it, the SSM parameters through which the CDK app finds them, and the account's
# detective controls (CloudTrail, AWS Config, GuardDuty, Security Hub).

data "aws_partition" "current" {}

locals {
  name_prefix    = "shopeasy-${var.environment}"
  parameter_path = "/shopeasy/${var.environment}"
  tags = {
    project     = "shopeasy"
    environment = var.environment
    managed-by  = "terraform"
  }
  # Repositories of the environment images are promoted from (null for the one CI pushes to).
  image_source_repository_arns = var.promote_images_from == null ? [] : [
    "arn:${data.aws_partition.current.partition}:ecr:${var.region}:${var.promote_images_from.account_id}:repository/shopeasy-${var.promote_images_from.environment}/*"
  ]
}

module "ecr" {
  source             = "../modules/ecr-repositories"
  name_prefix        = local.name_prefix
  services           = var.services
  images_to_keep     = var.images_to_keep
  reader_account_ids = var.image_reader_account_ids
  tags               = local.tags
}

# The CDK bootstrap's execution policy and the boundary of every deployment role (infra/README.md,
# "CDK bootstrap"): CloudFormation deploys with these, not with AdministratorAccess.
module "cdk_permissions" {
  source = "../modules/cdk-permissions"
  tags   = local.tags
}

module "deploy_role" {
  source                       = "../modules/deploy-role"
  name_prefix                  = local.name_prefix
  environment                  = var.environment
  region                       = var.region
  dr_region                    = var.dr_region
  trusted_principal_arns       = var.jenkins_principal_arns
  external_id                  = var.jenkins_external_id
  repository_arns              = [for repo in module.ecr.repositories : repo.arn]
  images_kms_key_arn           = module.ecr.kms_key_arn
  image_source_repository_arns = local.image_source_repository_arns
  parameter_path               = local.parameter_path
  permissions_boundary_arn     = module.cdk_permissions.boundary_arn
  tags                         = local.tags
}

module "parameters" {
  source          = "../modules/parameters"
  parameter_path  = local.parameter_path
  repositories    = module.ecr.repositories
  deploy_role_arn = module.deploy_role.role_arn
  tags            = local.tags
}

module "detective_controls" {
  source      = "../modules/detective-controls"
  name_prefix = local.name_prefix
  region      = var.region
  # The access-log bucket the bootstrap created beside the state bucket (modules/state-backend).
  access_log_bucket = "${local.name_prefix}-tfstate-logs-${var.account_id}-${var.region}"
  tags              = local.tags
}

module "service_quotas" {
  source = "../modules/service-quotas"
  # One list per environment, shared with the capacity model (tools/capacity/src/settings.ts).
  quotas = jsondecode(file("${path.module}/../service-quotas.json"))[var.environment]
}
