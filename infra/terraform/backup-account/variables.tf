variable "account_id" {
  description = "The backup account; applying anywhere else is refused."
  type        = string
}

variable "region" {
  description = "Region of the vaults: the environments' primary region (their DR region holds the other copy)."
  type        = string
}

variable "source_accounts" {
  description = "Environment name to account id, for every environment with backupAccount in infra/cdk.context.json."
  type        = map(string)
  validation {
    condition     = !contains(values(var.source_accounts), var.account_id)
    error_message = "The backup account must not be one of the environments' accounts."
  }
}
