-- 0010 (Sqlite): each organisation keeps a time zone (an IANA id), which decides its "today": due and overdue work,
-- the dashboard's current month, a goal's elapsed period, the week a report covers. Before, the day turned at
-- midnight UTC for everyone. Organisations trading in a currency of a single zone get that zone (as new ones do,
-- TimeZones.DefaultFor); the others keep UTC until an owner picks theirs.

ALTER TABLE organizations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';

UPDATE organizations SET time_zone = CASE currency
    WHEN 'CNY' THEN 'Asia/Shanghai'
    WHEN 'HKD' THEN 'Asia/Hong_Kong'
    WHEN 'MOP' THEN 'Asia/Macau'
    WHEN 'TWD' THEN 'Asia/Taipei'
    WHEN 'SGD' THEN 'Asia/Singapore'
    WHEN 'JPY' THEN 'Asia/Tokyo'
    WHEN 'KRW' THEN 'Asia/Seoul'
    WHEN 'THB' THEN 'Asia/Bangkok'
    WHEN 'INR' THEN 'Asia/Kolkata'
    WHEN 'AED' THEN 'Asia/Dubai'
    WHEN 'GBP' THEN 'Europe/London'
    ELSE 'UTC' END;
