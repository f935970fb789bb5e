-- The token a trusted browser's last use replaced, and when: the same browser's second request of
-- one moment (a form sent twice, an answer lost) still carries it, and is asked for the second
-- factor, after which the series is renewed, instead of being taken for a copy.
alter table trusted_browser add column previous_digest varchar(64);
alter table trusted_browser add column rotated_at timestamp(6) with time zone;
