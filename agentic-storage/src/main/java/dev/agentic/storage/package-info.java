/**
 * AWS storage for Agentic: {@link dev.agentic.storage.S3ArtifactStore}, an artifact store in an S3 bucket with
 * a local spool that keeps every write while S3 is unreachable, and
 * {@link dev.agentic.storage.SecretsManagerSecretProvider}, secrets from AWS Secrets Manager. Both register
 * spec providers ({@code s3://BUCKET/PREFIX}, {@code secretsmanager:ID#FIELD}) for {@code ProviderLookup}.
 */
package dev.agentic.storage;
