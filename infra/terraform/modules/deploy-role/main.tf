# The role Jenkins deploys with. It can push images to ShopEasy's repositories (and read the
# repositories images are promoted from), hand the rest to the CDK bootstrap roles (which pass
# CloudFormation the execution role bounded by modules/cdk-permissions), read the foundation's
# parameters, and start, watch or stop a service's blue/green deployment. It carries the same
# permissions boundary, so no change to its own policy can lift it above that.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  arn     = "arn:${data.aws_partition.current.partition}"
}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "JenkinsAgentsAssume"
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "AWS"
      identifiers = var.trusted_principal_arns
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.external_id]
    }
  }
}

resource "aws_iam_role" "deploy" {
  name                 = "${var.name_prefix}-jenkins-deploy"
  description          = "Jenkins deploys ShopEasy ${var.environment} with this role"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid     = "AssumeCdkBootstrapRoles"
    actions = ["sts:AssumeRole", "sts:TagSession"]
    # By name: never the CloudFormation execution role (cfn-exec-role), which only CloudFormation assumes.
    resources = flatten([
      for region in [var.region, var.dr_region] : [
        for role in ["deploy", "file-publishing", "image-publishing", "lookup"] :
        "${local.arn}:iam::${local.account}:role/cdk-${var.cdk_qualifier}-${role}-role-${local.account}-${region}"
      ]
    ])
  }

  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # GetAuthorizationToken has no resource-level permissions
  }

  statement {
    sid = "PushServiceImages"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:DescribeImageScanFindings",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = var.repository_arns
  }

  # scripts/promote-images.sh copies the images CI built, by digest, from the source environment.
  dynamic "statement" {
    for_each = length(var.image_source_repository_arns) > 0 ? [1] : []
    content {
      sid       = "ReadPromotedImages"
      actions   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer"]
      resources = var.image_source_repository_arns
    }
  }

  statement {
    sid       = "EncryptImageLayers"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.images_kms_key_arn]
  }

  statement {
    sid       = "ReadFoundationParameters"
    actions   = ["ssm:GetParameter", "ssm:GetParameters"]
    resources = ["${local.arn}:ssm:${var.region}:${local.account}:parameter${var.parameter_path}/*"]
  }

  statement {
    sid = "ReleaseThroughBlueGreenDeployments"
    actions = [
      "codedeploy:CreateDeployment",
      "codedeploy:GetApplicationRevision",
      "codedeploy:GetDeployment",
      "codedeploy:GetDeploymentConfig",
      "codedeploy:GetDeploymentGroup",
      "codedeploy:ListDeployments",
      "codedeploy:RegisterApplicationRevision",
      "codedeploy:StopDeployment",
    ]
    resources = [
      "${local.arn}:codedeploy:${var.region}:${local.account}:application:${var.name_prefix}",
      "${local.arn}:codedeploy:${var.region}:${local.account}:deploymentgroup:${var.name_prefix}/*",
      "${local.arn}:codedeploy:${var.region}:${local.account}:deploymentconfig:*",
    ]
  }

  statement {
    sid       = "ReadServices"
    actions   = ["ecs:DescribeServices"]
    resources = ["${local.arn}:ecs:${var.region}:${local.account}:service/${var.name_prefix}/*"]
  }

  statement {
    sid       = "ReadTaskDefinitions"
    actions   = ["ecs:DescribeTaskDefinition"]
    resources = ["*"] # DescribeTaskDefinition has no resource-level permissions
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy.json
}
