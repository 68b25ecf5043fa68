variable "name_prefix" {
  description = "Prefix of every name, for example shopeasy-dev."
  type        = string
}

variable "services" {
  description = "Services that get an image repository."
  type        = list(string)
}

variable "images_to_keep" {
  description = "Images kept per repository; older ones expire."
  type        = number
  default     = 30
}

variable "reader_account_ids" {
  description = "Accounts whose deploy roles may read the images, to promote them into their own repositories."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
