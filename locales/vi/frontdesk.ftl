ack-received = Chúng tôi đã nhận được tin nhắn của bạn. Cảm ơn bạn. Nhân viên của thành phố sẽ đọc tin nhắn.
