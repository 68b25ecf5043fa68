# Run once per environment account, before anything else: it creates the bucket and the lock
# table that hold the foundation's state. Its own state starts local and is then moved into
# the bucket it created (see infra/README.md, "Terraform foundation").

terraform {
  required_version = ">= 1.8.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
  default_tags {
    tags = {
      project     = "shopeasy"
      environment = var.environment
    }
  }
}

module "state" {
  source      = "../modules/state-backend"
  name_prefix = "shopeasy-${var.environment}"
  region      = var.region
  tags = {
    project     = "shopeasy"
    environment = var.environment
    managed-by  = "terraform"
  }
}

output "backend_config" {
  description = "Contents for envs/<env>.s3.tfbackend."
  value = {
    bucket         = module.state.bucket_name
    dynamodb_table = module.state.lock_table_name
    kms_key_id     = module.state.kms_key_arn
  }
}
