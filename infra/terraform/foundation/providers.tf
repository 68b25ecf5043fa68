terraform {
  required_version = ">= 1.8.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
  # Filled per environment: tofu init -backend-config=../envs/<env>.s3.tfbackend
  backend "s3" {}
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
