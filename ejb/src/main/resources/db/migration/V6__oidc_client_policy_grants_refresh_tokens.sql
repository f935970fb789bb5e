-- What a client may ask of TwoStep; what each application was granted in which TwoStep session; refresh tokens.

-- Who may use the client: members of these groups, one per line; empty means every account.
alter table oidc_client add column allowed_groups varchar(1000) default '' not null;
-- A client's own demands, applied to every request: the oldest second factor it accepts (seconds), and phr.
alter table oidc_client add column default_max_age integer;
alter table oidc_client add column required_acr varchar(16);
-- Where Back-Channel Logout 1.0 notices go when a TwoStep session the client holds tokens of ends.
alter table oidc_client add column backchannel_logout_uri varchar(2000);
-- How its ID tokens are signed: RS256 or ES256.
alter table oidc_client add column id_token_alg varchar(8) default 'RS256' not null;

-- A grant: what one redeemed code gave one client in one TwoStep session (sid), renewed by refresh
-- tokens until it is revoked (sign-out, a replayed code or refresh token) or reaches expires_at.
-- Its id is the jti of the access tokens issued under it.
create table oidc_grant (
    id              varchar(43)   primary key,
    client_id       varchar(64)   not null,
    account_id      bigint        not null references account (id),
    sid             varchar(43)   not null,
    scope           varchar(512)  not null,
    auth_time       timestamp(6) with time zone not null,
    method          varchar(16)   not null,
    issuer          varchar(512)  not null,
    state           varchar(16)   not null,
    created_at      timestamp(6) with time zone not null,
    expires_at      timestamp(6) with time zone not null
);
create index ix_oidc_grant_sid on oidc_grant (sid);
create index ix_oidc_grant_sweep on oidc_grant (expires_at);

-- Refresh tokens: only the SHA-256 digest is stored; each is used once (a conditional update from
-- ACTIVE), and a second use revokes its grant (RFC 9700 section 4.14.2).
create table oidc_refresh_token (
    token_digest    varchar(64)   primary key,
    grant_id        varchar(43)   not null references oidc_grant (id) on delete cascade,
    state           varchar(16)   not null,
    created_at      timestamp(6) with time zone not null,
    expires_at      timestamp(6) with time zone not null
);
create index ix_oidc_refresh_token_grant on oidc_refresh_token (grant_id);

-- The TwoStep session a code was issued in, and the grant its redemption made.
alter table oidc_code add column sid varchar(43);
alter table oidc_code add column grant_id varchar(43);
