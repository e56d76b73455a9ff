'use strict';
/*
 * The two third-party Schema Registry clients and Avro serdes the check runs with. Each offers
 *   prepareEncoders(topic, schema) -> [{ name, schemaId, encode(value) -> Buffer }]
 *   decode(topic, buffer) -> object
 * and registers `schema` under `<topic>-value` (TopicNameStrategy) the way its users do.
 */
const avro = require('avsc');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');
const {
  AvroDeserializer, AvroSerializer, SchemaRegistryClient, SerdeType,
} = require('@confluentinc/schemaregistry');

/**
 * Avro timestamp-millis as a JS Date. Without it avsc treats the field as a plain long (a number);
 * with it both our writes and GroupGuard's records (eventTime, detectedAt, decidedAt) carry dates.
 */
class TimestampMillisType extends avro.types.LogicalType {
  _fromValue(millis) {
    return new Date(millis);
  }

  _toValue(date) {
    return date instanceof Date ? date.getTime() : undefined; // undefined = invalid for avsc
  }

  _resolve(writerType) {
    if (avro.Type.isType(writerType, 'long', 'logical:timestamp-millis')) {
      return this._fromValue;
    }
    return undefined;
  }
}

/** avsc options shared by both serdes (encode and decode) and the offline check. */
const AVRO_OPTIONS = { logicalTypes: { 'timestamp-millis': TimestampMillisType } };

const valueSubject = (topic) => `${topic}-value`;

/** kafkajs' community client: registers, then encodes by the id it got back. */
function kafkajsSerde(registryUrl) {
  const registry = new SchemaRegistry({ host: registryUrl }, { [SchemaType.AVRO]: AVRO_OPTIONS });
  return {
    async prepareEncoders(topic, schema) {
      const { id } = await registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject: valueSubject(topic) });
      return [{ name: 'register-then-encode', schemaId: id, encode: (value) => registry.encode(id, value) }];
    },
    decode: (topic, buffer) => registry.decode(buffer),
  };
}

/**
 * Confluent's official client. Its AvroSerializer derives a schema from the message itself unless
 * told which registered schema to use, so producers register first and then serialize with
 * `useLatestVersion` (GET /subjects/{s}/versions/latest) or `useSchemaId` (GET /schemas/ids/{id}
 * ?subject=, then POST /subjects/{s} to look the schema up): both are returned, to cover both
 * paths through the registry. The deserializer keeps its defaults, as consumers do: the subject
 * comes from the default ASSOCIATED strategy, which falls back to `<topic>-value` when the
 * registry knows no association (404), and the writer schema from GET /schemas/ids/{id}?subject=.
 */
function confluentSerde(registryUrl) {
  const client = new SchemaRegistryClient({ baseURLs: [registryUrl] });
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, { ...AVRO_OPTIONS });
  return {
    async prepareEncoders(topic, schema) {
      const id = await client.register(valueSubject(topic), { schemaType: 'AVRO', schema: JSON.stringify(schema) });
      const configs = { useLatestVersion: { useLatestVersion: true }, useSchemaId: { useSchemaId: id } };
      return Object.entries(configs).map(([name, config]) => {
        const serializer = new AvroSerializer(client, SerdeType.VALUE, { ...config, ...AVRO_OPTIONS });
        return { name, schemaId: id, encode: (value) => serializer.serialize(topic, value) };
      });
    },
    decode: (topic, buffer) => deserializer.deserialize(topic, buffer),
  };
}

const SERDES = { confluent: confluentSerde, kafkajs: kafkajsSerde };

module.exports = { AVRO_OPTIONS, SERDES };
