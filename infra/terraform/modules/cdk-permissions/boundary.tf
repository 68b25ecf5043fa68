# The most any ShopEasy deployment role may do, and the most any role it creates may do: the
# stacks' services, IAM only on the account's roles and policies, no role without this boundary,
# and no change to this boundary or to the execution policy. Applied to the Jenkins deploy role
# (modules/deploy-role), to the CDK bootstrap's CloudFormation execution role
# (cdk bootstrap --custom-permissions-boundary) and to every role of the CDK app
# (@aws-cdk/core:permissionsBoundary in infra/cdk.json).

data "aws_iam_policy_document" "boundary" {
  # A boundary grants nothing; identity policies name the resources.
  statement {
    sid       = "AtMostTheStacksServices"
    actions   = [for service in distinct(concat(local.services.cloudformation, local.services.runtime)) : "${service}:*"]
    resources = ["*"]
  }

  statement {
    sid       = "AtMostTheAccountsRolesAndPolicies"
    actions   = distinct(concat(local.role_escalation_actions, local.role_actions, local.policy_actions))
    resources = distinct(concat(local.roles, local.policies))
  }

  statement {
    sid       = "AtMostServiceLinkedRoles"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["${local.arn}:iam::${local.account}:role/aws-service-role/*"]
  }

  statement {
    sid       = "NoRoleWithoutTheBoundary"
    effect    = "Deny"
    actions   = local.role_escalation_actions
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "iam:PermissionsBoundary"
      values   = [local.boundary_arn]
    }
  }

  statement {
    sid       = "GuardrailsStayAsTheyAre"
    effect    = "Deny"
    actions   = local.guardrail_actions
    resources = [local.boundary_arn, local.execution_arn]
  }

  statement {
    sid       = "BoundariesStayOn"
    effect    = "Deny"
    actions   = ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"]
    resources = ["*"]
  }

  statement {
    sid       = "NoLongLivedCredentials"
    effect    = "Deny"
    actions   = ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "boundary" {
  name        = var.boundary_name
  description = "Permissions boundary of ShopEasy's deploy role, CDK execution role and every role the CDK app creates"
  policy      = data.aws_iam_policy_document.boundary.json
  tags        = var.tags
}
