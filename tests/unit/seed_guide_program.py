"""A program written from the original SDK's user guide (hoiio 0.1.x, "Complete Guide"), in
Python 3: print() calls, ``**{'from': ...}`` for the history filters, ``sms.send(msg, dest)`` in
the documented order, commas the guide's transfer examples lack, ``forward_to`` where the guide
misspells ``foward_to``, and ``hangup`` where its Hangup example calls ``monitor``. Apart from
that it is the guide's code. tests/unit/test_seed_guide_compat.py runs it against mocks that
answer the API reference's documented bodies and checks what it prints.

Run: python seed_guide_program.py /path/to/file.pdf
"""

# ruff: noqa: UP031  (the guide formats with %)

import sys

from hoiio import CallStatus, FaxStatus, Hoiio, SmsStatus
from hoiio.exceptions import HoiioException
from hoiio.service import Response, date_to_str, str_to_date
from hoiio.service.account import Account
from hoiio.service.fax import Fax
from hoiio.service.ivr import Ivr
from hoiio.service.number import Number
from hoiio.service.sms import Sms
from hoiio.service.voice import Voice


def main(pdf_path):
    # Without init(), the credentials are missing.
    try:
        Hoiio.account.balance()
    except HoiioException as e:
        print("before init:", type(e).__name__)

    # Setting Up
    Hoiio.init('MY_APP_ID', 'MY_ACCESS_TOKEN')

    # Voice: make call back
    res = Hoiio.voice.call('+6511111111', '+6522222222')
    res = Hoiio.voice.call('+6511111111', '+6522222222',
        caller_id = 'private',
        max_duration = 600,
        tag = 'myapp',
        notify_url = 'http://my.server.com/myscript'
    )
    print(res.txn_ref)
    print(res.is_success())
    if res.is_success():
        print('The txn ref:', res.txn_ref)
    else:
        # The API failed. Print the error code.
        print('Error:', res.status)

    # Response
    print(res.text)
    print(res.json)
    print(res.response.headers['Content-Type'])
    print(res.response.request.headers['Content-Type'])
    print(isinstance(res, Response))

    # Voice: conference
    res = Hoiio.voice.conference('+6511111111', '+6522222222', '+6533333333')
    print(res.room)
    print(res.txn_refs)
    res = Hoiio.voice.conference('+6544444444', room='MY_ROOM')
    print(res.txn_refs)

    # Voice: hangup
    res = Hoiio.voice.hangup('TX-4')
    print(res.is_success())

    # Voice: call status
    res = Hoiio.voice.status('TX-1234')
    print(res.txn_ref)
    print(res.tag)
    print(res.date)
    print(res.dest1)
    print(res.dest2)
    print(res.call_status_dest1)
    print(res.call_status_dest2)
    print(res.duration)
    print(res.currency)
    print(res.rate)
    print(res.debit)
    print(res.call_status_dest1 == CallStatus.ANSWERED)

    # Voice: call history
    res = Hoiio.voice.history()
    print(res.total_entries_count)
    print(res.entries_count)
    for entry in res.entries:
        print(entry.txn_ref)
        print(entry.date)
    res = Hoiio.voice.history(page=2)

    # Voice: call rate
    res = Hoiio.voice.rate('+6511111111', '+6522222222')
    print(res.currency)
    print(res.rate)
    print(res.talktime)

    # SMS: send
    res = Hoiio.sms.send('Hoiio World', '+6511111111')
    res = Hoiio.sms.send('Hoiio World', '+6511111111',
        sender_name = 'Citibank',
        tag = 'myapp',
        notify_url = 'http://my.server.com/myscript'
    )
    print(res.txn_ref)
    print(res.is_success())

    # SMS: bulk
    res = Hoiio.sms.bulk_send('Hoiio World', '+6511111111', '+652222222',
        notify_url = 'http://my.server.com/myscript'
    )
    print(res.bulk_txn_ref)

    # SMS: status
    res = Hoiio.sms.status('TX-1234')
    print(res.txn_ref)
    print(res.sms_status)
    print(res.dest)
    print(res.date)
    print(res.tag)
    print(res.split_count)
    print(res.currency)
    print(res.rate)
    print(res.debit)
    print(res.sms_status == SmsStatus.DELIVERED)

    # SMS: history
    res = Hoiio.sms.history()
    print(res.total_entries_count)
    print(res.entries_count)
    for entry in res.entries:
        print(entry.txn_ref)
        print(entry.date)
    res = Hoiio.voice.history(page=2)
    res = Hoiio.voice.history(**{'from': '2012-01-01 08:00:00'}, to='2012-12-31 08:00:00')

    # SMS: rate
    res = Hoiio.sms.rate('Hoiio World', '+6511111111')
    print(res.currency)
    print(res.rate)
    print(res.split_count)
    print(res.total_cost)
    print(res.is_unicode)
    res = Hoiio.sms.rate_in('+6599999999')
    print(res.currency)
    print(res.rate)

    # IVR: dial
    res = Hoiio.ivr.dial('+6511111111')
    print(res.txn_ref)
    print(res.session)
    session = res.session
    res = Hoiio.ivr.dial('+6511111111',
        msg = 'Hello. This is an automated message from Hoiio.',
        caller_id = '+6500000000',
        max_duration = '60',
        tag = 'myapp',
        notify_url = 'http://my.server.com/myscript'
    )

    # IVR: play
    res = Hoiio.ivr.play(session, 'Hello. This is an automated message from Hoiio.',
        tag = 'myapp',
        notify_url = 'http://my.server.com/myscript'
    )
    print(res.is_success())

    # IVR: gather
    res = Hoiio.ivr.gather(session,
        msg = 'Hello. Press 1 for yes, press 2 for no.',
        max_digits = 1,
        timeout = 60,
        attempts = 3,
        tag = 'myapp',
        notify_url = 'http://my.server.com/myscript'
    )
    print(res.is_success())

    # IVR: record
    res = Hoiio.ivr.record(session,
        msg = 'Hello. We are recording your voice message now.',
        max_duration = 60,
        tag = 'myapp',
        notify_url = 'http://my.server.com/myscript'
    )
    print(res.is_success())

    # IVR: monitor
    res = Hoiio.ivr.monitor(session,
        msg = 'Hello. Note that this phone conversation is recorded.',
        tag = 'myapp',
        notify_url = 'http://my.server.com/myscript'
    )
    print(res.is_success())

    # IVR: transfer
    res = Hoiio.ivr.transfer(session, '+6522222222',
        msg = 'Hello. We will be transferring this call.',
        caller_id = '+6500000000',
        tag = 'myapp',
        notify_url = 'http://my.server.com/myscript'
    )
    print(res.is_success())
    res = Hoiio.ivr.transfer(session, '+6522222222',
        msg = 'Hello. We will be transferring this call.',
        caller_id = '+6500000000',
        on_failure = 'continue',
        tag = 'myapp',
        notify_url = 'http://my.server.com/myscript'
    )

    # IVR: hangup
    res = Hoiio.ivr.hangup(session,
        msg = 'Hello. We will be hanging up now. Bye!',
        tag = 'myapp',
        notify_url = 'http://my.server.com/myscript'
    )
    print(res.is_success())

    # Fax: send
    res = Hoiio.fax.send('+6511111111', pdf_path)
    print(res.txn_ref)
    res = Hoiio.fax.send('+6511111111', pdf_path,
        filename = 'awesome-file.pdf',
        caller_id = '+6500000000',
        tag = 'myapp',
        notify_url = 'http://my.server.com/myscript'
    )

    # Fax: status
    res = Hoiio.fax.status('TX-1234')
    print(res.txn_ref)
    print(res.fax_status)
    print(res.src)
    print(res.dest)
    print(res.date)
    print(res.fax_pages)
    print(res.fax_url)
    print(res.tag)
    print(res.currency)
    print(res.rate)
    print(res.debit)
    print(res.fax_status == FaxStatus.ANSWERED)

    # Fax: history
    res = Hoiio.fax.history()
    print(res.total_entries_count)
    print(res.entries_count)
    for entry in res.entries:
        print(entry.txn_ref)
        print(entry.fax_status)
    res = Hoiio.fax.history(
        **{'from': '2010-01-01 00:00:00'},
        to = '2012-01-01 00:00:00',
        page = 3,
        type = 'incoming'
    )

    # Fax: rate
    res = Hoiio.fax.rate('+6511111111')
    print(res.currency)
    print(res.rate)
    res = Hoiio.fax.rate_in('+6500000000')
    print(res.currency)
    print(res.rate)

    # Number: available countries
    res = Hoiio.number.available_countries()
    for country in res.entries:
        print('%s [%s] with number prefix %s' % (country.name, country.code, country.prefix))
        # For countries with states
        for state in country.states or []:
            print('  %s [%s]' % (state.name, state.code))

    # Number: available numbers
    res = Hoiio.number.available_numbers('US', 'AL')
    for entry in res.entries:
        print(entry.number)
    print(res.total_entries_count)
    print(len(res.entries))
    res = Hoiio.number.available_numbers('SG')
    res = Hoiio.number.available_numbers('SG', page=2)

    # Number: rate
    res = Hoiio.number.rate('US')
    print(res.currency)
    for entry in res.entries:
        print('%d month: %f %s' % (entry.duration, entry.rate, res.currency))

    # Number: subscribe
    res = Hoiio.number.subscribe('+16001234567', 1)
    print('Subscribed for %f %s' % (res.debit, res.currency))
    print('Expires on %s' % res.expiry)
    res = Hoiio.number.subscribe('+16001234567', 'auto_extend')

    # Number: configure
    res = Hoiio.number.configure('+16001234567',
        forward_to = 'http://my.server.com/myscript'
    )
    res = Hoiio.number.configure('+16001234567',
        forward_sms_to = 'http://my.server.com/myscript'
    )
    res = Hoiio.number.configure('+16001234567',
        forward_to = 'http://my.server.com/myscript',
        forward_sms_to = 'http://my.server.com/myscript',
    )
    res = Hoiio.number.configure('+16001234567',
        forward_to = 'http://my.server.com/myscript',
        forward_sms_to = 'http://my.server.com/myscript',
        mode = 'fax'
    )
    print(res.is_success())

    # Number: subscribed numbers
    res = Hoiio.number.subscribed_numbers()
    for number in res.entries:
        print(number.number)
        print(number.forward_to)
        print(number.forward_sms_to)
        print(number.expiry)
        print(number.auto_extend_status)
        print(number.country)
        print(number.state)
    res = Hoiio.number.active_numbers()
    print(len(res.entries))

    # Account: balance
    res = Hoiio.account.balance()
    print('Balance [%s]: %f (%f + %f)' % (res.currency, res.balance, res.points, res.bonus))
    res = Hoiio.user.balance()
    print(res.balance)

    # Account: info
    res = Hoiio.account.info()
    print(res.uid)
    print(res.name)
    print(res.mobile_number)
    print(res.email)
    print(res.country)
    print(res.currency)
    print(res.prefix)

    # Advanced: phone number format
    Hoiio.prefix = '65'
    Hoiio.voice.call('11111111', '22222222')
    # You could mix
    Hoiio.voice.call('+8500000000', '22222222')

    # Module-level helpers and classes the old tests import
    print(str_to_date('2012-09-10 17:58:49'))
    print(date_to_str(str_to_date('2012-09-10 17:58:49')))
    print([cls.__name__ for cls in (Voice, Sms, Fax, Ivr, Number, Account)])
    print(isinstance(Hoiio.voice, Voice), isinstance(Hoiio.user, Account))
    print(CallStatus.ANSWERED == 'answered', SmsStatus.RECEIVED == 'received', FaxStatus.BUSY == 'busy')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '/path/to/file.pdf')
