variable "execution_policy_name" {
  description = "Name of the policy CloudFormation deploys the CDK app with (cdk bootstrap --cloudformation-execution-policies)."
  type        = string
  default     = "shopeasy-cdk-execution"
}

variable "boundary_name" {
  description = "Name of the permissions boundary; infra/cdk.json @aws-cdk/core:permissionsBoundary names the same policy."
  type        = string
  default     = "shopeasy-permissions-boundary"
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
