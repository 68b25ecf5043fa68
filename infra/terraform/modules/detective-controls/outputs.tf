output "trail_arn" {
  description = "The account's multi-region CloudTrail trail."
  value       = aws_cloudtrail.account.arn
}

output "audit_bucket_name" {
  description = "Bucket holding CloudTrail log files and AWS Config snapshots."
  value       = aws_s3_bucket.audit.id
}

output "audit_kms_key_arn" {
  description = "Key that encrypts the trail, its log group and the Config deliveries."
  value       = aws_kms_key.audit.arn
}

output "guardduty_detector_id" {
  description = "GuardDuty detector of the home region."
  value       = aws_guardduty_detector.account.id
}
