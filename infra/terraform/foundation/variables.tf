variable "environment" {
  description = "dev, staging or prod."
  type        = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "account_id" {
  description = "AWS account of this environment; applying anywhere else is refused."
  type        = string
}

variable "region" {
  description = "Primary region of this environment."
  type        = string
}

variable "dr_region" {
  description = "Disaster-recovery region of this environment (infra/cdk.context.json drRegion)."
  type        = string
}

variable "services" {
  description = "Services that get an image repository."
  type        = list(string)
  default     = ["users", "catalog", "cart", "orders", "feedback"]
}

variable "images_to_keep" {
  description = "Images kept per repository."
  type        = number
  default     = 30
}

variable "jenkins_principal_arns" {
  description = "IAM roles of the Jenkins agents allowed to assume the deploy role."
  type        = list(string)
}

variable "jenkins_external_id" {
  description = "External id Jenkins presents when it assumes the deploy role."
  type        = string
}

variable "image_reader_account_ids" {
  description = "Accounts of the environments that promote images from this one's repositories (dev: staging and prod)."
  type        = list(string)
  default     = []
}

variable "promote_images_from" {
  description = "Environment whose repositories this one's images are promoted from, by digest; null where CI pushes."
  type = object({
    account_id  = string
    environment = string
  })
  default = null
}
