variable "name_prefix" {
  description = "Prefix of every name, for example shopeasy-dev."
  type        = string
}

variable "region" {
  description = "Region the state lives in; part of the globally unique bucket name."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
