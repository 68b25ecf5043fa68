variable "quotas" {
  description = "Quota increases this environment needs: service code, quota name as Service Quotas names it, value, and why (infra/terraform/service-quotas.json, sized by npm run capacity)."
  type = list(object({
    service = string
    quota   = string
    value   = number
    why     = string
  }))
}
