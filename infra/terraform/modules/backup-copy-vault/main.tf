# The vault, in the separate backup account, that receives a copy of every recovery point of one
# ShopEasy environment (infra/lib/stacks/backup-stack.ts copies to it). Its lock is in compliance
# mode: once `changeable_for_days` have passed, nobody (this account's root user included, and
# anyone holding the environment's account) can delete a copy before its retention ends.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  arn     = "arn:${data.aws_partition.current.partition}"
  account = data.aws_caller_identity.current.account_id
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
}

resource "aws_kms_key" "vault" {
  description             = "${var.name} backup copies"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = var.tags
}

resource "aws_backup_vault" "copies" {
  name        = var.name
  kms_key_arn = aws_kms_key.vault.arn
  tags        = var.tags
}

resource "aws_backup_vault_lock_configuration" "compliance" {
  backup_vault_name   = aws_backup_vault.copies.name
  min_retention_days  = var.min_retention_days
  max_retention_days  = var.max_retention_days
  changeable_for_days = var.changeable_for_days
}

# Only the environment's account may copy in; nothing else is granted here.
data "aws_iam_policy_document" "vault" {
  #checkov:skip=CKV_AWS_111:Vault policy: its one write action is granted to the one source account, on this vault, whose compliance lock bounds it.
  statement {
    sid       = "SourceAccountCopiesIn"
    actions   = ["backup:CopyIntoBackupVault"]
    resources = [aws_backup_vault.copies.arn]
    principals {
      type        = "AWS"
      identifiers = ["${local.arn}:iam::${var.source_account_id}:root"]
    }
  }
}

resource "aws_backup_vault_policy" "copies" {
  backup_vault_name = aws_backup_vault.copies.name
  policy            = data.aws_iam_policy_document.vault.json
}
