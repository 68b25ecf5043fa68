variable "name_prefix" {
  description = "Prefix of every name, for example shopeasy-dev."
  type        = string
}

variable "environment" {
  description = "dev, staging or prod."
  type        = string
}

variable "region" {
  description = "Region the CDK app deploys to."
  type        = string
}

variable "dr_region" {
  description = "Region of the DR stack (replicas, backup copies); also bootstrapped for CDK."
  type        = string
}

variable "trusted_principal_arns" {
  description = "IAM roles of the Jenkins agents allowed to assume the deploy role."
  type        = list(string)
}

variable "external_id" {
  description = "External id Jenkins presents when it assumes the role."
  type        = string
}

variable "cdk_qualifier" {
  description = "Qualifier of the CDK bootstrap stack in this account."
  type        = string
  default     = "hnb659fds"
}

variable "repository_arns" {
  description = "ECR repositories Jenkins pushes to."
  type        = list(string)
}

variable "image_source_repository_arns" {
  description = "ECR repositories (of another environment) this environment's images are promoted from."
  type        = list(string)
  default     = []
}

variable "images_kms_key_arn" {
  description = "Key that encrypts the image repositories."
  type        = string
}

variable "parameter_path" {
  description = "SSM path the foundation publishes under, for example /shopeasy/dev."
  type        = string
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary of the deploy role (modules/cdk-permissions)."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
