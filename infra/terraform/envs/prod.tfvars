environment = "prod"
account_id  = "333333333333"
region      = "eu-west-1"
dr_region   = "eu-central-1"

# Jenkins agents run in the tooling account; replace with the agents' instance role.
jenkins_principal_arns = ["arn:aws:iam::444444444444:role/shopeasy-jenkins-agent"]
jenkins_external_id    = "shopeasy-prod-deploy"
images_to_keep         = 50

# Images are promoted by digest from dev's repositories, where CI pushed them once.
promote_images_from = { account_id = "111111111111", environment = "dev" }
