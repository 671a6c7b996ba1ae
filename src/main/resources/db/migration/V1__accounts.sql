-- Accounts: users, their roles and permissions, and refresh sessions. Runs unchanged on
-- PostgreSQL and on H2 in PostgreSQL mode (the embedded store), so only common SQL is used.

-- email keeps the letters as the person typed them; email_key is its lower-case form, and its
-- uniqueness is what makes an email unique regardless of letter case on both databases.
CREATE TABLE users (
  id UUID PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  email_key VARCHAR(254) NOT NULL,
  password_hash VARCHAR(100) NOT NULL,
  display_name VARCHAR(100),
  active BOOLEAN NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT users_email_key_unique UNIQUE (email_key)
);

CREATE TABLE roles (
  name VARCHAR(64) PRIMARY KEY,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE user_roles (
  user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_name VARCHAR(64) NOT NULL REFERENCES roles (name),
  granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (user_id, role_name)
);

CREATE TABLE user_permissions (
  user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  permission VARCHAR(129) NOT NULL,
  granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (user_id, permission)
);

-- One row per refresh token (id = its jti). A login starts a family; each rotation adds a row
-- to it and points the spent row at its successor through replaced_by.
CREATE TABLE refresh_sessions (
  id UUID PRIMARY KEY,
  user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id UUID NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at TIMESTAMP WITH TIME ZONE,
  replaced_by UUID,
  user_agent VARCHAR(512),
  client_address VARCHAR(64)
);

CREATE INDEX refresh_sessions_family ON refresh_sessions (family_id);
CREATE INDEX refresh_sessions_user ON refresh_sessions (user_id);
CREATE INDEX refresh_sessions_revoked ON refresh_sessions (revoked_at);

INSERT INTO roles (name, created_at) VALUES ('user', CURRENT_TIMESTAMP);
INSERT INTO roles (name, created_at) VALUES ('admin', CURRENT_TIMESTAMP);
