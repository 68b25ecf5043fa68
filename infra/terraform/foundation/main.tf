# The account foundation for one ShopEasy environment: image repositories, the role Jenkins
# deploys with, and the SSM parameters through which the CDK app finds them.

locals {
  name_prefix    = "shopeasy-${var.environment}"
  parameter_path = "/shopeasy/${var.environment}"
  tags = {
    project     = "shopeasy"
    environment = var.environment
    managed-by  = "terraform"
  }
}

module "ecr" {
  source         = "../modules/ecr-repositories"
  name_prefix    = local.name_prefix
  services       = var.services
  images_to_keep = var.images_to_keep
  tags           = local.tags
}

module "deploy_role" {
  source                 = "../modules/deploy-role"
  name_prefix            = local.name_prefix
  environment            = var.environment
  region                 = var.region
  dr_region              = var.dr_region
  trusted_principal_arns = var.jenkins_principal_arns
  external_id            = var.jenkins_external_id
  repository_arns        = [for repo in module.ecr.repositories : repo.arn]
  images_kms_key_arn     = module.ecr.kms_key_arn
  parameter_path         = local.parameter_path
  tags                   = local.tags
}

module "parameters" {
  source          = "../modules/parameters"
  parameter_path  = local.parameter_path
  repositories    = module.ecr.repositories
  deploy_role_arn = module.deploy_role.role_arn
  tags            = local.tags
}
