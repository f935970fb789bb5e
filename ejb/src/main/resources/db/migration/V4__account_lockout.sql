-- Lockout: wrong second factors are counted per account, across logins; at the threshold the account
-- is locked for a while (twostep.lockout.*).
alter table account add column failed_second_factors integer default 0 not null;
alter table account add column locked_until timestamp(6) with time zone;
