#!/usr/bin/env bash
# Releases the newest task definition revision of each service through its CodeDeploy
# blue/green deployment group, and waits. Run after `cdk deploy` has registered the revisions:
#   infra/scripts/deploy-services.sh <dev|staging|prod> [service ...]
# A deployment that trips one of the service's alarms rolls back by itself; this script then
# exits non-zero. Needs the AWS CLI and credentials of the deploy role (Terraform foundation).
set -euo pipefail

env_name=${1:?usage: deploy-services.sh <dev|staging|prod> [service ...]}
shift
declare -A ports=([users]=8081 [catalog]=8082 [cart]=8083 [orders]=8084 [feedback]=8085)
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(users catalog cart orders feedback)

cluster="shopeasy-${env_name}"
application="shopeasy-${env_name}"
failed=0

for service in "${services[@]}"; do
  port=${ports[$service]:?unknown service $service}
  latest=$(aws ecs describe-task-definition --task-definition "shopeasy-${env_name}-${service}" \
    --query 'taskDefinition.taskDefinitionArn' --output text)
  running=$(aws ecs describe-services --cluster "$cluster" --services "$service" \
    --query 'services[0].taskDefinition' --output text)
  if [ "$latest" = "$running" ]; then
    echo "${service}: already runs ${latest##*/}"
    continue
  fi
  appspec=$(printf '{"version":1,"Resources":[{"TargetService":{"Type":"AWS::ECS::Service","Properties":{"TaskDefinition":"%s","LoadBalancerInfo":{"ContainerName":"%s","ContainerPort":%d}}}}]}' \
    "$latest" "$service" "$port")
  revision=$(jq -cn --arg content "$appspec" '{revisionType: "AppSpecContent", appSpecContent: {content: $content}}')
  id=$(aws deploy create-deployment --application-name "$application" \
    --deployment-group-name "shopeasy-${env_name}-${service}" \
    --description "Release ${latest##*/}" --revision "$revision" --query deploymentId --output text)
  echo "${service}: deploying ${latest##*/} (${id})"
  if aws deploy wait deployment-successful --deployment-id "$id"; then
    echo "${service}: released"
  else
    status=$(aws deploy get-deployment --deployment-id "$id" --query 'deploymentInfo.status' --output text)
    echo "${service}: deployment ${id} ended ${status}; traffic stays on the previous revision" >&2
    failed=1
  fi
done
exit "$failed"
