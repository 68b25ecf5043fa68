variable "parameter_path" {
  description = "SSM path to publish under, for example /shopeasy/dev."
  type        = string
}

variable "repositories" {
  description = "Per service: repository name, ARN and URI."
  type = map(object({
    name = string
    arn  = string
    uri  = string
  }))
}

variable "deploy_role_arn" {
  description = "Role Jenkins deploys with."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
