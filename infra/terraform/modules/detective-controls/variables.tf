variable "name_prefix" {
  description = "Prefix of every name, for example shopeasy-dev."
  type        = string
}

variable "region" {
  description = "Home region: the trail, the recorder and the audit bucket live here."
  type        = string
}

variable "access_log_bucket" {
  description = "Bucket that receives the audit bucket's S3 access logs (the state backend's log bucket)."
  type        = string
}

variable "log_retention_days" {
  description = "Days audit logs are kept, in the bucket and in CloudWatch Logs."
  type        = number
  default     = 400
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
