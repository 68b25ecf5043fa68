# What CloudFormation may do when it deploys ShopEasy's CDK stacks, in place of the
# AdministratorAccess that `cdk bootstrap` grants by default: the services the stacks create,
# and IAM roles only when they carry the permissions boundary (boundary.tf), which nobody that
# holds these policies can change or remove.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account  = data.aws_caller_identity.current.account_id
  arn      = "arn:${data.aws_partition.current.partition}"
  services = jsondecode(file("${path.module}/services.json"))
  # The stacks' roles and policies only: generated names start with the stack name, fixed ones with shopeasy-.
  roles         = ["${local.arn}:iam::${local.account}:role/ShopEasy-*", "${local.arn}:iam::${local.account}:role/shopeasy-*"]
  policies      = ["${local.arn}:iam::${local.account}:policy/ShopEasy-*", "${local.arn}:iam::${local.account}:policy/shopeasy-*"]
  boundary_arn  = "${local.arn}:iam::${local.account}:policy/${var.boundary_name}"
  execution_arn = "${local.arn}:iam::${local.account}:policy/${var.execution_policy_name}"
  # Actions that create a role or widen what it may do: only with the boundary on the role.
  role_escalation_actions = ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePermissionsBoundary"]
  # The rest of a role's life cycle, which cannot lift a role above its boundary.
  role_actions = [
    "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:GetRole", "iam:GetRolePolicy",
    "iam:ListAttachedRolePolicies", "iam:ListRolePolicies", "iam:ListRoleTags", "iam:PassRole", "iam:TagRole",
    "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription",
  ]
  # Customer-managed policies the stacks attach to their (bounded) roles.
  policy_actions = [
    "iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:GetPolicy",
    "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:TagPolicy", "iam:UntagPolicy",
  ]
  # Changes to the guardrails themselves; denied to every holder of either policy.
  guardrail_actions = [
    "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion",
    "iam:TagPolicy", "iam:UntagPolicy",
  ]
}

data "aws_iam_policy_document" "execution" {
  # By service, on "*": CloudFormation creates resources whose ARNs do not exist before.
  statement {
    sid       = "ManageShopEasyServices"
    actions   = [for service in local.services.cloudformation : "${service}:*"]
    resources = ["*"]
  }

  statement {
    sid       = "CreateRolesOnlyWithinTheBoundary"
    actions   = local.role_escalation_actions
    resources = local.roles
    condition {
      test     = "StringEquals"
      variable = "iam:PermissionsBoundary"
      values   = [local.boundary_arn]
    }
  }

  statement {
    sid       = "ManageRoles"
    actions   = local.role_actions
    resources = local.roles
  }

  statement {
    sid       = "ManageStackPolicies"
    actions   = local.policy_actions
    resources = local.policies
  }

  statement {
    sid       = "ServiceLinkedRoles"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["${local.arn}:iam::${local.account}:role/aws-service-role/*"]
  }

  # Weak cross-stack references (Fn::GetStackOutput) read the producing stack's outputs.
  statement {
    sid       = "ReadStackOutputs"
    actions   = ["cloudformation:DescribeStacks", "cloudformation:ListExports"]
    resources = ["*"]
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
}

resource "aws_iam_policy" "execution" {
  name        = var.execution_policy_name
  description = "CloudFormation execution policy of ShopEasy's CDK bootstrap (instead of AdministratorAccess)"
  policy      = data.aws_iam_policy_document.execution.json
  tags        = var.tags
}
