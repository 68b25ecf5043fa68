#!/usr/bin/env bash
# Releases the newest task definition revision of each service through its CodeDeploy blue/green
# deployment group, all services at once (each has its own group, so they are independent), and
# waits for each as long as its deployment configuration can take. Run after `cdk deploy` has
# registered the revisions:
#   infra/scripts/deploy-services.sh <dev|staging|prod> [service ...]
#   infra/scripts/deploy-services.sh --deadline <dev|staging|prod> [service ...]
# The second form prints the seconds the release may take (ansible/deploy.yml sizes its wait on it).
# A service's deadline is read from its deployment group: start-up allowance + the time its
# deployment config takes to shift traffic + the ready wait + the blue tasks' termination wait.
# A deployment that trips one of the service's alarms rolls back by itself; the script reports
# every service in a table and exits non-zero when any failed, was stopped or ran past its deadline.
# Needs the AWS CLI, jq and credentials of the deploy role (Terraform foundation).
# Tunables (the unit tests shorten time with them):
#   DEPLOY_POLL_SECONDS (30)        between two `aws deploy get-deployment` calls
#   DEPLOY_START_MINUTES (15)       green tasks start, pass health checks and the test-traffic hook
#   DEPLOY_SECONDS_PER_MINUTE (60)  length of one minute of the deployment configuration
set -euo pipefail

usage='usage: deploy-services.sh [--deadline] <dev|staging|prod> [service ...]'
mode=release
if [ "${1:-}" = "--deadline" ]; then
  mode=deadline
  shift
fi
env_name=${1:?$usage}
shift
declare -A ports=([users]=8081 [catalog]=8082 [cart]=8083 [orders]=8084 [feedback]=8085)
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(users catalog cart orders feedback)
for service in "${services[@]}"; do
  [ -n "${ports[$service]:-}" ] || { echo "unknown service ${service}; $usage" >&2; exit 2; }
done

poll_seconds=${DEPLOY_POLL_SECONDS:-30}
start_minutes=${DEPLOY_START_MINUTES:-15}
seconds_per_minute=${DEPLOY_SECONDS_PER_MINUTE:-60}
cluster="shopeasy-${env_name}"
application="shopeasy-${env_name}"
# The Lambda CodeDeploy calls once test traffic reaches the green tasks (infra/lib, blue/green).
hook="shopeasy-${env_name}-after-allow-test-traffic"

# deadline_minutes SERVICE: minutes a deployment of the service may take, from its group's settings.
deadline_minutes() {
  local group config_name config
  group=$(aws deploy get-deployment-group --application-name "$application" \
    --deployment-group-name "shopeasy-${env_name}-$1" --output json)
  config_name=$(jq -r '.deploymentGroupInfo.deploymentConfigName' <<<"$group")
  config=$(aws deploy get-deployment-config --deployment-config-name "$config_name" --output json)
  jq -n --argjson start "$start_minutes" --argjson group "$group" --argjson config "$config" '
    ($group.deploymentGroupInfo.blueGreenDeploymentConfiguration // {}) as $bg
    | ($config.deploymentConfigInfo.trafficRoutingConfig // {type: "AllAtOnce"}) as $routing
    | (if $routing.type == "TimeBasedCanary" then $routing.timeBasedCanary.canaryInterval
       elif $routing.type == "TimeBasedLinear" then
         ((100 / $routing.timeBasedLinear.linearPercentage | ceil) - 1) * $routing.timeBasedLinear.linearInterval
       else 0 end) as $shift
    | (if $bg.deploymentReadyOption.actionOnTimeout == "STOP_DEPLOYMENT"
       then $bg.deploymentReadyOption.waitTimeInMinutes // 0 else 0 end) as $ready
    | $start + $shift + $ready + ($bg.terminateBlueInstancesOnDeploymentSuccess.terminationWaitTimeInMinutes // 0)'
}

if [ "$mode" = deadline ]; then
  longest=0
  for service in "${services[@]}"; do
    minutes=$(deadline_minutes "$service")
    [ "$minutes" -gt "$longest" ] && longest=$minutes
  done
  echo $((longest * seconds_per_minute))
  exit 0
fi

# Milliseconds since the epoch (bash 5; $SECONDS is too coarse for the tests' second-long minutes).
now_ms() { local now=${EPOCHREALTIME//[.,]/}; echo $((now / 1000)); }

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# release SERVICE: starts the service's deployment, waits for it, and writes one result line:
# service, outcome, deployment id, revision, minutes taken.
release() {
  local service=$1 port=${ports[$1]} started latest running appspec revision id deadline
  local outcome='' status='' info elapsed
  started=$(now_ms)
  latest=$(aws ecs describe-task-definition --task-definition "shopeasy-${env_name}-${service}" \
    --query 'taskDefinition.taskDefinitionArn' --output text)
  running=$(aws ecs describe-services --cluster "$cluster" --services "$service" \
    --query 'services[0].taskDefinition' --output text)
  if [ "$latest" = "$running" ]; then
    echo "${service}: already runs ${latest##*/}"
    printf '%s\t%s\t%s\t%s\t%s\n' "$service" unchanged - "${latest##*/}" 0 >"$results/$service"
    return
  fi
  deadline=$(($(deadline_minutes "$service") * seconds_per_minute * 1000))
  appspec=$(jq -cn --arg task "$latest" --arg name "$service" --argjson port "$port" --arg hook "$hook" '{
    version: 1,
    Resources: [{TargetService: {Type: "AWS::ECS::Service", Properties: {
      TaskDefinition: $task, LoadBalancerInfo: {ContainerName: $name, ContainerPort: $port}}}}],
    Hooks: [{AfterAllowTestTraffic: $hook}]}')
  revision=$(jq -cn --arg content "$appspec" '{revisionType: "AppSpecContent", appSpecContent: {content: $content}}')
  id=$(aws deploy create-deployment --application-name "$application" \
    --deployment-group-name "shopeasy-${env_name}-${service}" \
    --description "Release ${latest##*/}" --revision "$revision" --query deploymentId --output text)
  echo "${service}: deploying ${latest##*/} (${id}); deadline $((deadline / 60000)) min"
  while [ -z "$outcome" ]; do
    # A failed poll (throttling, a network blip) is retried until the deadline, not taken as the outcome.
    info=$(aws deploy get-deployment --deployment-id "$id" --output json) ||
      info='{"deploymentInfo": {"status": "unknown (get-deployment failed)"}}'
    status=$(jq -r '.deploymentInfo.status' <<<"$info")
    case "$status" in
      Succeeded) outcome=succeeded ;;
      Failed) outcome=failed ;;
      Stopped) outcome=stopped ;;
      *)
        if [ $(($(now_ms) - started)) -ge "$deadline" ]; then
          outcome='past deadline'
        else
          sleep "$poll_seconds"
        fi
        ;;
    esac
  done
  elapsed=$((($(now_ms) - started + 59999) / 60000))
  case "$outcome" in
    succeeded) echo "${service}: released ${latest##*/} in ${elapsed} min" ;;
    'past deadline')
      echo "${service}: ${id} still ${status} after ${elapsed} min, past its deadline; to roll it back:" \
        "aws deploy stop-deployment --deployment-id ${id} --auto-rollback-enabled" >&2
      ;;
    *)
      echo "${service}: ${id} ${outcome}: $(jq -r '.deploymentInfo.errorInformation.message // "no error message"' <<<"$info");" \
        "traffic stays on the previous revision" >&2
      ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\n' "$service" "$outcome" "$id" "${latest##*/}" "$elapsed" >"$results/$service"
}

pids=()
for service in "${services[@]}"; do
  release "$service" &
  pids+=("$!")
done
for pid in "${pids[@]}"; do wait "$pid" || true; done

echo
row() { printf '%-10s %-14s %-24s %-36s %s\n' "$@"; }
row service result deployment revision minutes
failed=0
for service in "${services[@]}"; do
  if [ -s "$results/$service" ]; then
    IFS=$'\t' read -r _ outcome id revision minutes <"$results/$service"
  else
    outcome='error (above)' id=- revision=- minutes=-
  fi
  row "$service" "$outcome" "$id" "$revision" "$minutes"
  case "$outcome" in succeeded | unchanged) ;; *) failed=1 ;; esac
done
exit "$failed"
