import { literal } from '../../terraform/resource-index';
import { hours, unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('broker_name', 'engine_type', 'host_instance_type', 'deployment_mode', 'storage_type');
/** Brokers each deployment mode runs (a RabbitMQ cluster is three nodes). */
const BROKERS: Readonly<Record<string, number>> = { SINGLE_INSTANCE: 1, ACTIVE_STANDBY_MULTI_AZ: 2, CLUSTER_MULTI_AZ: 3 };
const MQ = { offerCode: 'AmazonMQ' };

export const awsMqBroker = resourceType({
  type: 'aws_mq_broker',
  attributes: body.names,
  catalog: { kind: 'queue', name: (r) => literal(body.read(r).broker_name) },
  stateful: { what: 'message broker', replacedBy: ['broker_name', 'engine_type', 'deployment_mode', 'storage_type', 'encryption_options'] },
  taggable: true,
  usage: { mqStorageGb: { default: 0, description: 'GB of messages an Amazon MQ broker stores. Default 0.' } },
  pricing: {
    /** Broker instance hours × the brokers its deployment mode runs; storage (EFS for ActiveMQ by default, EBS otherwise) from the usage file. */
    pricer: (r, { usage }) => {
      const a = body.read(r);
      const engine = literal(a.engine_type);
      const type = literal(a.host_instance_type);
      if (!engine) return { notPriced: unknownReason(r, 'engine_type', a.engine_type) };
      if (!type) return { notPriced: unknownReason(r, 'host_instance_type', a.host_instance_type) };
      const mode = a.deployment_mode === undefined || a.deployment_mode === null ? 'SINGLE_INSTANCE' : literal(a.deployment_mode);
      const brokers = mode === undefined ? undefined : BROKERS[mode];
      if (!brokers) return { notPriced: mode === undefined ? unknownReason(r, 'deployment_mode', a.deployment_mode) : `deployment_mode ${JSON.stringify(mode)} is not one Amazon MQ has` };
      const storage = engine.toLowerCase() === 'rabbitmq' ? 'ebs' : (literal(a.storage_type) ?? 'efs').toLowerCase();
      if (storage !== 'ebs' && storage !== 'efs') return { notPriced: unknownReason(r, 'storage_type', a.storage_type) };
      return {
        charges: [hours(`mq.instance.${type}`, `${brokers} × ${type} ${engine} broker (${mode})`, brokers), { item: `mq.storage.${storage}`, quantity: usage.mqStorageGb, what: `${storage.toUpperCase()} storage (GB, usage file)` }],
      };
    },
  },
  // As Infracost's mq_broker.go selects them (AmazonMQ, Broker Instances and Broker Storage); not confirmed from an offer record.
  priceItems: [
    { key: 'mq.instance.{type}', unit: 'Hrs', offer: ({ type }) => ({ ...MQ, productFamily: 'Broker Instances', usagetype: `${type}`, attributes: { deploymentOption: 'Single-AZ' }, unit: 'Hrs' }) },
    { key: 'mq.storage.{volume}', unit: 'GB-Mo', offer: ({ volume }) => ({ ...MQ, productFamily: 'Broker Storage', usagetype: `TimedStorage-${volume.toUpperCase()}-ByteHrs`, unit: 'GB-Mo' }) },
  ],
});
