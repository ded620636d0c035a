export const authLocales = {
  vi: {
    title: 'Đăng nhập',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    signIn: 'Đăng nhập',
    badCredentials: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    required: 'Vui lòng nhập {{field}}.',
  },
  en: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    badCredentials: 'Wrong username or password.',
    required: 'Please enter the {{field}}.',
  },
};
