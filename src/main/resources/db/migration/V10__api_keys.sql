-- API keys of service principals. A key is shown once at creation and stored only as the
-- SHA-256 of the whole key: keys are 256 random bits, so a fast hash is enough and lets every
-- /verify check a key from memory. The prefix is public: it names the key in logs and commands.
CREATE TABLE service_principals (
  id UUID PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  scopes VARCHAR(2000) NOT NULL,
  active BOOLEAN NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT service_principals_name_unique UNIQUE (name)
);

CREATE TABLE api_keys (
  id UUID PRIMARY KEY,
  principal_id UUID NOT NULL REFERENCES service_principals (id) ON DELETE CASCADE,
  prefix VARCHAR(16) NOT NULL,
  key_hash VARCHAR(64) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE,
  revoked_at TIMESTAMP WITH TIME ZONE,
  CONSTRAINT api_keys_prefix_unique UNIQUE (prefix)
);

CREATE INDEX api_keys_principal ON api_keys (principal_id);
