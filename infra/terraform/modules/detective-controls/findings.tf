# GuardDuty watches the account's activity (CloudTrail, VPC flow logs, DNS, S3 data events);
# Security Hub gathers its findings and checks the account against PCI DSS v4.0.1, the version in
# force (v3.2.1 was retired in 2024; cdk-nag still ships only its 3.2.1 pack, which the CDK app
# keeps applying to the templates until a 4.0.1 pack ships: confluence-docs/architecture/pci-dss.md).

resource "aws_guardduty_detector" "account" {
  #checkov:skip=CKV2_AWS_3:Each environment is its own account outside an AWS Organizations delegated administrator; its detector is enabled here.
  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
  tags                         = var.tags
}

resource "aws_guardduty_detector_feature" "s3_data_events" {
  detector_id = aws_guardduty_detector.account.id
  name        = "S3_DATA_EVENTS"
  status      = "ENABLED"
}

resource "aws_guardduty_detector_feature" "lambda_network_logs" {
  detector_id = aws_guardduty_detector.account.id
  name        = "LAMBDA_NETWORK_LOGS"
  status      = "ENABLED"
}

resource "aws_securityhub_account" "account" {
  # Only the standard subscribed below; no default standards switched on behind the code's back.
  enable_default_standards  = false
  control_finding_generator = "SECURITY_CONTROL"
  auto_enable_controls      = true
}

resource "aws_securityhub_standards_subscription" "pci_dss" {
  standards_arn = "${local.arn}:securityhub:${var.region}::standards/pci-dss/v/4.0.1"
  # Its controls read AWS Config's records, so recording runs first.
  depends_on = [aws_securityhub_account.account, aws_config_configuration_recorder_status.account]
}
