output "requested" {
  description = "Each quota asked for, with the value AWS reports as granted so far."
  value = {
    for key, quota in aws_servicequotas_service_quota.this : key => {
      requested = quota.value
      granted   = data.aws_servicequotas_service_quota.this[key].value
    }
  }
}
