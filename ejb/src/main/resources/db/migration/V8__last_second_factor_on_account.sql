-- The second factor an account last signed in with (TOTP or WEBAUTHN), which the challenge page
-- offers first. Kept on the account's row, written by the sign-in that already updates the row,
-- instead of being searched for in the account's whole audit history at every challenge page.
alter table account add column last_second_factor varchar(16);

update account set last_second_factor = (
    select e.method from audit_event e
    where e.account_id = account.id and e.type = 'LOGIN_OK' and e.method in ('TOTP', 'WEBAUTHN')
    order by e.id desc
    fetch first 1 rows only);
