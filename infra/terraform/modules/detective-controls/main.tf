# Detective controls of one environment account: a multi-region CloudTrail trail (log file
# validation, KMS, CloudWatch Logs), AWS Config recording every resource, GuardDuty, and Security
# Hub with the PCI DSS standard. Trail and Config deliver to one audit bucket encrypted with one key.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account    = data.aws_caller_identity.current.account_id
  arn        = "arn:${data.aws_partition.current.partition}"
  trail_name = var.name_prefix
  trail_arn  = "${local.arn}:cloudtrail:${var.region}:${local.account}:trail/${local.trail_name}"
  bucket     = "${var.name_prefix}-audit-${local.account}-${var.region}"
}

data "aws_iam_policy_document" "key" {
  #checkov:skip=CKV_AWS_109:Key policy: "*" is this key only, and root delegation leaves access to IAM policies.
  #checkov:skip=CKV_AWS_111:Key policy: "*" is this key only, and root delegation leaves access to IAM policies.
  #checkov:skip=CKV_AWS_356:Key policy: "*" is this key only; a key policy cannot name its own key ARN.
  statement {
    sid       = "AccountAdministersKey"
    actions   = ["kms:*"]
    resources = ["*"] # in a key policy, "*" means this key
    principals {
      type        = "AWS"
      identifiers = ["${local.arn}:iam::${local.account}:root"]
    }
  }

  statement {
    sid       = "CloudTrailEncryptsLogFiles"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["${local.arn}:cloudtrail:*:${local.account}:trail/*"]
    }
  }

  statement {
    sid       = "CloudTrailDescribesKey"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudWatchLogsEncryptsTrailLogGroup"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["${local.arn}:logs:${var.region}:${local.account}:log-group:/aws/cloudtrail/${local.trail_name}"]
    }
  }

  statement {
    sid       = "ConfigEncryptsSnapshots"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_kms_key" "audit" {
  description             = "${var.name_prefix} audit logs: CloudTrail, its log group, AWS Config"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = var.tags
}

resource "aws_kms_alias" "audit" {
  name          = "alias/${var.name_prefix}-audit"
  target_key_id = aws_kms_key.audit.key_id
}
