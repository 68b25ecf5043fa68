# Quota increases the capacity model asks for (npm run capacity). Looked up by name so that a
# misspelt quota fails the plan instead of raising something else; Service Quotas files the
# request, and AWS may take days to grant it, so apply this well before the traffic comes.

locals {
  quotas = { for q in var.quotas : "${q.service}/${q.quota}" => q }
}

data "aws_servicequotas_service_quota" "this" {
  for_each     = local.quotas
  service_code = each.value.service
  quota_name   = each.value.quota
}

resource "aws_servicequotas_service_quota" "this" {
  for_each     = local.quotas
  service_code = each.value.service
  quota_code   = data.aws_servicequotas_service_quota.this[each.key].quota_code
  value        = each.value.value
}
