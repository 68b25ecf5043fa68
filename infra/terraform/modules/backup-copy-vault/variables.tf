variable "name" {
  description = "Vault name: shopeasy-<env>-isolated, the name infra/lib/stacks/backup-stack.ts copies to."
  type        = string
}

variable "source_account_id" {
  description = "Account of the environment whose recovery points are copied here."
  type        = string
}

variable "min_retention_days" {
  description = "No copy is deleted sooner (the plans keep 35 days)."
  type        = number
  default     = 7
}

variable "max_retention_days" {
  description = "No copy is kept longer."
  type        = number
  default     = 400
}

variable "changeable_for_days" {
  description = "Days before compliance mode engages; until then the lock can still be changed or removed."
  type        = number
  default     = 3
  validation {
    condition     = var.changeable_for_days >= 3
    error_message = "AWS Backup needs at least 3 days before a compliance lock engages."
  }
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
