import type { Stack } from '../../src/index.js';

const env = { account: '111111111111', region: 'eu-west-1' };
const exported = (name: string) => ({ 'Fn::ImportValue': `ShopEasy-Dev-Data:${name}` });
const root = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']],
};

/**
 * A dev environment of two stacks, as the CDK synthesizes them but small: the data stack's tables,
 * queue and keys, exported, and the services stack's catalog and feedback tasks, whose roles'
 * policies import them. Each call returns a new copy for a test to change.
 */
export function tinyAssembly(): Stack[] {
  const data: Stack = {
    name: 'ShopEasy-Dev-Data',
    ...env,
    template: {
      Resources: {
        CatalogTable: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: 'shopeasy-dev-catalog',
            SSESpecification: {
              SSEEnabled: true,
              SSEType: 'KMS',
              KMSMasterKeyId: { 'Fn::GetAtt': ['TablesKey', 'Arn'] },
            },
          },
        },
        OrdersTable: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'shopeasy-dev-orders' } },
        TablesKey: {
          Type: 'AWS::KMS::Key',
          // Delegates to IAM: the account's identity policies decide.
          Properties: {
            KeyPolicy: {
              Statement: [{ Effect: 'Allow', Principal: { AWS: root }, Action: 'kms:*', Resource: '*' }],
            },
          },
        },
        ReviewsQueue: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            QueueName: 'shopeasy-dev-feedback-reviews',
            KmsMasterKeyId: { 'Fn::GetAtt': ['MessagingKey', 'Arn'] },
          },
        },
        MessagingKey: {
          Type: 'AWS::KMS::Key',
          // Neither names the feedback role nor delegates to IAM.
          Properties: {
            KeyPolicy: {
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'sns.amazonaws.com' },
                  Action: 'kms:*',
                  Resource: '*',
                },
              ],
            },
          },
        },
      },
      Outputs: {
        CatalogTableArn: {
          Value: { 'Fn::GetAtt': ['CatalogTable', 'Arn'] },
          Export: { Name: 'ShopEasy-Dev-Data:CatalogTableArn' },
        },
        OrdersTableArn: {
          Value: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] },
          Export: { Name: 'ShopEasy-Dev-Data:OrdersTableArn' },
        },
        TablesKeyArn: {
          Value: { 'Fn::GetAtt': ['TablesKey', 'Arn'] },
          Export: { Name: 'ShopEasy-Dev-Data:TablesKeyArn' },
        },
        QueueArn: {
          Value: { 'Fn::GetAtt': ['ReviewsQueue', 'Arn'] },
          Export: { Name: 'ShopEasy-Dev-Data:QueueArn' },
        },
        MessagingKeyArn: {
          Value: { 'Fn::GetAtt': ['MessagingKey', 'Arn'] },
          Export: { Name: 'ShopEasy-Dev-Data:MessagingKeyArn' },
        },
      },
    },
  };
  const services: Stack = {
    name: 'ShopEasy-Dev-Services',
    ...env,
    template: {
      Resources: {
        CatalogTask: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            ContainerDefinitions: [{ Name: 'catalog' }, { Name: 'otel-collector' }],
            TaskRoleArn: { 'Fn::GetAtt': ['CatalogTaskRole', 'Arn'] },
          },
        },
        FeedbackTask: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            ContainerDefinitions: [{ Name: 'feedback' }],
            TaskRoleArn: { 'Fn::GetAtt': ['FeedbackTaskRole', 'Arn'] },
          },
        },
        CatalogTaskRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'shopeasy-dev-catalog-task' } },
        FeedbackTaskRole: { Type: 'AWS::IAM::Role', Properties: {} },
        CatalogData: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            Roles: [{ Ref: 'CatalogTaskRole' }],
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:DeleteItem'],
                  Resource: [
                    exported('CatalogTableArn'),
                    { 'Fn::Join': ['', [exported('CatalogTableArn'), '/index/gsi1']] },
                    exported('OrdersTableArn'),
                  ],
                },
                {
                  Sid: 'CatalogIsNeverDeleted',
                  Effect: 'Deny',
                  Action: 'dynamodb:DeleteItem',
                  Resource: '*',
                },
                { Effect: 'Allow', Action: 'kms:Decrypt', Resource: exported('TablesKeyArn') },
              ],
            },
          },
        },
        FeedbackData: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'FeedbackData',
            Roles: [{ Ref: 'FeedbackTaskRole' }],
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: exported('QueueArn') },
                {
                  Effect: 'Allow',
                  Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
                  Resource: exported('MessagingKeyArn'),
                },
              ],
            },
          },
        },
      },
    },
  };
  return [data, services];
}

/** The resources of one stack of an assembly, to change in a test's own copy. */
export function resourcesOfStack(stacks: Stack[], name: string) {
  const stack = stacks.find((s) => s.name === name);
  if (!stack?.template.Resources) throw new Error(`no stack ${name}`);
  return stack.template.Resources;
}
