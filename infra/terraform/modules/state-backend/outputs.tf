output "bucket_name" {
  description = "State bucket, for the s3 backend configuration."
  value       = aws_s3_bucket.state.id
}

output "lock_table_name" {
  description = "Lock table, for the s3 backend configuration."
  value       = aws_dynamodb_table.lock.name
}

output "kms_key_arn" {
  description = "Key that encrypts state and locks."
  value       = aws_kms_key.state.arn
}
