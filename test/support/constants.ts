export const TEST_PASSWORD = 'correct horse battery staple';
