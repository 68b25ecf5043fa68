output "repositories" {
  description = "Per service: repository name, ARN and URI."
  value = {
    for service, repo in aws_ecr_repository.service : service => {
      name = repo.name
      arn  = repo.arn
      uri  = repo.repository_url
    }
  }
}

output "kms_key_arn" {
  description = "Key that encrypts the images."
  value       = aws_kms_key.images.arn
}
