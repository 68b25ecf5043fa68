# One image repository per service: immutable tags (a tag is a git commit), scanned on push,
# encrypted with a customer-managed key, and pruned so old images do not pile up.

data "aws_caller_identity" "current" {}

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
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "images" {
  description             = "${var.name_prefix} container images"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = var.tags
}

resource "aws_kms_alias" "images" {
  name          = "alias/${var.name_prefix}-ecr"
  target_key_id = aws_kms_key.images.key_id
}

resource "aws_ecr_repository" "service" {
  for_each             = toset(var.services)
  name                 = "${var.name_prefix}/${each.key}"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.images.arn
  }

  tags = merge(var.tags, { service = each.key })
}

resource "aws_ecr_lifecycle_policy" "service" {
  for_each   = aws_ecr_repository.service
  repository = each.value.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Drop untagged layers after a week"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = 7
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the newest images, enough to roll back several releases"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = var.images_to_keep
        }
        action = { type = "expire" }
      },
    ]
  })
}

# Images are pushed once, to the first environment, and promoted from there by digest: the
# later environments' deploy roles may read them (scripts/promote-images.sh).
data "aws_iam_policy_document" "promotion" {
  count = length(var.reader_account_ids) > 0 ? 1 : 0
  statement {
    sid     = "LaterEnvironmentsPromoteImages"
    actions = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer"]
    principals {
      type        = "AWS"
      identifiers = [for account in var.reader_account_ids : "arn:aws:iam::${account}:root"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:PrincipalArn"
      values   = [for account in var.reader_account_ids : "arn:aws:iam::${account}:role/shopeasy-*-jenkins-deploy"]
    }
  }
}

resource "aws_ecr_repository_policy" "promotion" {
  for_each   = length(var.reader_account_ids) > 0 ? aws_ecr_repository.service : {}
  repository = each.value.name
  policy     = data.aws_iam_policy_document.promotion[0].json
}
