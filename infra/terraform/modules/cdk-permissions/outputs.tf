output "execution_policy_arn" {
  description = "Pass to cdk bootstrap --cloudformation-execution-policies."
  value       = aws_iam_policy.execution.arn
}

output "boundary_arn" {
  description = "Permissions boundary of the deploy role, the CloudFormation execution role and every role the CDK app creates."
  value       = aws_iam_policy.boundary.arn
}

output "boundary_name" {
  description = "Pass to cdk bootstrap --custom-permissions-boundary."
  value       = aws_iam_policy.boundary.name
}
