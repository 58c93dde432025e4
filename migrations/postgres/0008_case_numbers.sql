-- Case numbers are reserved here, one row each, before a case is written: the primary key
-- makes a reservation atomic, so two residents' cases opened at the same moment (one batch,
-- two loops or two instances) never share a number. A number is never given out again,
-- even when its case is anonymised. Only the number and when it was reserved: nothing
-- about the resident. Mirrors ../sqlite/0008_case_numbers.sql.

CREATE TABLE case_numbers (
    number      TEXT    PRIMARY KEY,        -- YYMMDD-NNNN (Japan's date)
    reserved_at BIGINT  NOT NULL
);

INSERT INTO case_numbers (number, reserved_at) SELECT number, created_at FROM cases;
