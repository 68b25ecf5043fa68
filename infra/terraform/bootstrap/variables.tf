variable "environment" {
  description = "dev, staging or prod."
  type        = string
}

variable "account_id" {
  description = "AWS account of this environment."
  type        = string
}

variable "region" {
  description = "Region the state lives in."
  type        = string
}

# Accepted so that the same envs/<env>.tfvars file serves bootstrap and foundation.
variable "jenkins_principal_arns" {
  description = "Unused here; read by the foundation."
  type        = list(string)
  default     = []
}

variable "jenkins_external_id" {
  description = "Unused here; read by the foundation."
  type        = string
  default     = ""
}

variable "images_to_keep" {
  description = "Unused here; read by the foundation."
  type        = number
  default     = 30
}

variable "dr_region" {
  description = "Unused here; read by the foundation."
  type        = string
  default     = ""
}

variable "image_reader_account_ids" {
  description = "Unused here; read by the foundation."
  type        = list(string)
  default     = []
}

variable "promote_images_from" {
  description = "Unused here; read by the foundation."
  type = object({
    account_id  = string
    environment = string
  })
  default = null
}

variable "source_accounts" {
  description = "Unused here; read by backup-account (envs/backup.tfvars)."
  type        = map(string)
  default     = {}
}
