environment = "dev"
account_id  = "111111111111"
region      = "eu-west-1"
dr_region   = "eu-central-1"

# Jenkins agents run in the tooling account; replace with the agents' instance role.
jenkins_principal_arns = ["arn:aws:iam::444444444444:role/shopeasy-jenkins-agent"]
jenkins_external_id    = "shopeasy-dev-deploy"

# staging and prod promote the images CI pushed here (scripts/promote-images.sh).
image_reader_account_ids = ["222222222222", "333333333333"]
# Later environments promote from here, a release may wait days for approval: keep enough images.
images_to_keep = 100
