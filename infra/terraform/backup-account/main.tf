# The separate backup account: one compliance-locked vault per environment whose recovery points
# are copied here, so that losing (or a breach of) an environment's account cannot take its
# backups with it. Applied with this account's credentials (infra/README.md, "Backup account").

terraform {
  required_version = ">= 1.8.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
  # tofu init -backend-config=../envs/backup.s3.tfbackend
  backend "s3" {}
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
  default_tags {
    tags = {
      project     = "shopeasy"
      environment = "backup"
    }
  }
}

module "vault" {
  source            = "../modules/backup-copy-vault"
  for_each          = var.source_accounts
  name              = "shopeasy-${each.key}-isolated"
  source_account_id = each.value
  tags = {
    project     = "shopeasy"
    environment = each.key
    managed-by  = "terraform"
  }
}

output "vault_arns" {
  description = "Per environment: the vault its backup plan copies to."
  value       = { for env, vault in module.vault : env => vault.vault_arn }
}
