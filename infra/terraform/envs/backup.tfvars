# The backup account (backupAccount in infra/cdk.context.json) and the environments it keeps copies of.
account_id = "555555555555"
region     = "eu-west-1"
source_accounts = {
  staging = "222222222222"
  prod    = "333333333333"
}
